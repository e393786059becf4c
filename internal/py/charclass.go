package py

import "unicode"

// charClass is what str's is...() methods ask of one character, by
// Python's definitions (Objects/unicodectype.c).
type charClass uint8

const (
	charAlpha   charClass = 1 << iota // categories Lu, Ll, Lt, Lm, Lo
	charNumeric                       // categories Nd, Nl, No (isalnum counts them)
	charDigit                         // Numeric_Type Decimal or Digit (isdigit)
	charSpace                         // bidi class WS, B or S, or category Zs
	charLower                         // the Lowercase property: Ll and Other_Lowercase
	charUpper                         // the Uppercase property: Lu and Other_Uppercase
	charTitle                         // category Lt
)

// digitsNotDecimal are the characters of Numeric_Type Digit that are
// not decimal digits (Nd): superscripts, circled digits and the like.
var digitsNotDecimal = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0xb2, 0xb3, 1}, {0xb9, 0xb9, 1}, {0x1369, 0x1371, 1}, {0x19da, 0x19da, 1},
		{0x2070, 0x2070, 1}, {0x2074, 0x2079, 1}, {0x2080, 0x2089, 1}, {0x2460, 0x2468, 1},
		{0x2474, 0x247c, 1}, {0x2488, 0x2490, 1}, {0x24ea, 0x24ea, 1}, {0x24f5, 0x24fd, 1},
		{0x24ff, 0x24ff, 1}, {0x2776, 0x277e, 1}, {0x2780, 0x2788, 1}, {0x278a, 0x2792, 1},
	},
	R32: []unicode.Range32{
		{0x10a40, 0x10a43, 1}, {0x10e60, 0x10e68, 1}, {0x11052, 0x1105a, 1}, {0x1f100, 0x1f10a, 1},
	},
}

func classOf(r rune) charClass {
	var c charClass
	if unicode.IsLetter(r) {
		c |= charAlpha
	}
	if unicode.IsNumber(r) {
		c |= charNumeric
	}
	if unicode.Is(unicode.Nd, r) || unicode.Is(digitsNotDecimal, r) {
		c |= charDigit
	}
	// Go's IsSpace is the White_Space property; Python also counts the
	// separators U+001C–U+001F (bidi class B and S).
	if unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f {
		c |= charSpace
	}
	if unicode.Is(unicode.Ll, r) || unicode.Is(unicode.Other_Lowercase, r) {
		c |= charLower
	}
	if unicode.Is(unicode.Lu, r) || unicode.Is(unicode.Other_Uppercase, r) {
		c |= charUpper
	}
	if unicode.Is(unicode.Lt, r) {
		c |= charTitle
	}
	return c
}
