package session

import (
	"sockrepl/internal/msg"

	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"sockrepl/internal/names"
)

// What a seconds argument is for: each of Python's calls checks its own.
type secondsUse int

const (
	forTimeout secondsUse = iota // settimeout: none, or >= 0
	forSleep                     // time.sleep: >= 0
	forPoll                      // select.poll().poll: negative waits for ever
)

// seconds reads a number of seconds and converts it to a Duration as
// CPython does (_PyTime_FromSecondsObject, rounding up), with the same
// errors at the same boundaries: every seconds value the shell turns into
// a Duration or milliseconds comes through here. settimeout's none is -1.
func (a *args) seconds(use secondsUse) (time.Duration, error) {
	examples, asNumber := msgSecondsExamples, msgSecondsAsNumber
	if use == forTimeout {
		examples, asNumber = msgTimeoutExamples, msgTimeoutAsNumber
	}
	what := "SECONDS"
	if use == forPoll {
		what = "TIMEOUT"
	}
	if !a.more() {
		return 0, a.missing(examples.S(msg.A("what", what)))
	}
	w := a.next()
	if use == forTimeout && strings.EqualFold(w, "none") {
		return -1, nil
	}
	d, err := pyNanoseconds(w)
	if err == errNotNumber {
		return 0, a.bad(asNumber.S(msg.A("what", what), msg.A("word", strconv.Quote(w))))
	}
	if err != nil {
		return 0, err
	}
	switch {
	case use == forSleep && d < 0:
		return 0, pyErr("ValueError", "sleep length must be non-negative")
	case use == forSleep:
		// time.sleep waits until the monotonic clock reaches now + d; past
		// the clock's range, clock_nanosleep refuses it.
		var now unix.Timespec
		unix.ClockGettime(unix.CLOCK_MONOTONIC, &now)
		if d > math.MaxInt64-time.Duration(now.Nano()) {
			return 0, unix.EINVAL
		}
	case use == forTimeout && d < 0:
		return 0, pyErr("ValueError", "Timeout value out of range")
	case use == forPoll && d < 0:
		return -1, nil // as poll(-1): until something is ready
	case use == forPoll && (d+time.Millisecond-1)/time.Millisecond > math.MaxInt32:
		// poll takes a C int of milliseconds.
		return 0, pyErr("OverflowError", "timeout is too large")
	}
	return d, nil
}

var errNotNumber = pyErr("ValueError", "not a number")

// pyNanoseconds is CPython's _PyTime_FromSecondsObject with
// _PyTime_ROUND_TIMEOUT: a whole number is a Python int (exact, and too
// large past 2^63 ns), anything else a float, rounded away from zero to
// the nanosecond (1e-10 is 1 ns, not 0, which would mean non-blocking).
func pyNanoseconds(w string) (time.Duration, error) {
	digits := strings.TrimLeft(w, "+-")
	if len(w)-len(digits) <= 1 && names.IsDecimal(digits) {
		n, ok := new(big.Int).SetString(w, 10)
		if !ok {
			return 0, errNotNumber
		}
		n.Mul(n, big.NewInt(1e9))
		if !n.IsInt64() {
			return 0, pyErr("OverflowError", "timestamp too large to convert to C _PyTime_t")
		}
		return time.Duration(n.Int64()), nil
	}
	f, err := strconv.ParseFloat(w, 64)
	if err != nil && !isRangeErr(err) {
		return 0, errNotNumber
	}
	if math.IsNaN(f) {
		return 0, pyErr("ValueError", "Invalid value NaN (not a number)")
	}
	d := f * 1e9
	if d >= 0 {
		d = math.Ceil(d)
	} else {
		d = math.Floor(d)
	}
	// 2^63 itself is out: as a Duration it would wrap to a negative.
	if !(d >= -(1<<63) && d < 1<<63) {
		return 0, pyErr("OverflowError", "timestamp out of range for platform time_t")
	}
	return time.Duration(d), nil
}

// isRangeErr: ParseFloat's "value out of range" (1e400), which Python
// reads as inf.
func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
