package wire

import (
	"io"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// WritePcapng writes the packets kept for a saved capture as pcapng (what
// Wireshark and tshark read), each with a comment naming the command
// during which it crossed. It returns how many it wrote, and how many
// older ones had been let go to keep memory bounded.
func (v *View) WritePcapng(w io.Writer) (int, uint64, error) {
	intf := pcapgo.DefaultNgInterface
	intf.Name, intf.LinkType, intf.SnapLength = "lo", layers.LinkTypeEthernet, frameSize
	intf.Description = "lo (sockrepl)"
	nw, err := pcapgo.NewNgWriterInterface(w, intf, pcapgo.NgWriterOptions{SectionInfo: pcapgo.NgSectionInfo{Application: "sockrepl"}})
	if err != nil {
		return 0, 0, err
	}
	ps, lost := v.Saved()
	for _, p := range ps {
		ci := gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: max(p.Len, len(p.Data))}
		if err := nw.WritePacketWithOptions(ci, p.Data, pcapgo.NgPacketOptions{Comments: []string{p.Cmd}}); err != nil {
			return 0, lost, err
		}
	}
	return len(ps), lost, nw.Flush()
}
