package demo

// Internals reached by the black-box tests.
var (
	StallWait     = stallWait
	LogNormal     = logNormal
	IntParam      = intParam
	FloatParam    = floatParam
	DurationParam = durationParam
)
