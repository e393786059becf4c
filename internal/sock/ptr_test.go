package sock

import "unsafe"

func uintptrOf(p *byte) uintptr     { return uintptr(unsafe.Pointer(p)) }
func uintptrOf32(p *uint32) uintptr { return uintptr(unsafe.Pointer(p)) }
