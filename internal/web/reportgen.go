package web

import (
	"strconv"

	"github.com/gustload/gust/internal/monitor"
)

// generatorView is the report's load generator section: how busy gust
// itself was, and whether its own delay is in the response times.
type generatorView struct {
	Items     []summaryItem
	Note      string
	Saturated bool
}

// workerRow is one worker in the report's Workers table.
type workerRow struct {
	ID, State, Users, CPU, Memory, Saturation string
}

// workerRows lays out a master's workers for the report.
func workerRows(ws []Worker) []workerRow {
	rows := make([]workerRow, len(ws))
	for i, w := range ws {
		rows[i] = workerRow{ID: w.ID, State: w.State, Users: strconv.Itoa(w.Users), CPU: fixed(w.CPU, 1),
			Memory: fixed(float64(w.Memory)/(1<<20), 1), Saturation: w.Saturation}
	}
	return rows
}

// generatorOf sums up s for the report; nil leaves the section out.
func generatorOf(s *monitor.Summary) *generatorView {
	if s == nil || s.Seconds <= 0 {
		return nil
	}
	cores := float64(max(s.Cores, 1))
	v := &generatorView{Items: []summaryItem{
		{"Cores", strconv.Itoa(s.Cores)},
		{"CPU, average", fixed(100*s.CPU/cores, 0) + "%"},
		{"CPU, busiest second", fixed(100*s.CPUPeak/cores, 0) + "%"},
		{"Scheduling delay p99", monitor.Millis(s.SchedP99)},
		{"Worst second's p99", monitor.Millis(s.SchedP99Peak)},
		{"Receive delay p99", monitor.Millis(s.ReceiveP99)},
		{"Saturated", fixed(s.SaturatedSeconds, 0) + " s of " + fixed(s.Seconds, 0) + " s"},
	}}
	if s.Distributed {
		v.Items = append(v.Items, summaryItem{"Workers saturated", fixed(s.WorkersSaturatedSeconds, 0) + " s"})
	}
	v.Saturated = s.SaturatedSeconds >= 0.5 || s.WorkersSaturatedSeconds >= 0.5
	v.Note = generatorNote(s)
	return v
}

// generatorNote says whether the response times are the target's.
func generatorNote(s *monitor.Summary) string {
	switch {
	case s.WorkersSaturatedSeconds >= 0.5:
		return "A worker was its own bottleneck for " + fixed(s.WorkersSaturatedSeconds, 0) + " s of the test (each " +
			"worker's log says which and when): in that time it sent less load than asked for and its own delay may " +
			"be in the response times. Add workers, or give them more CPU."
	case s.SaturatedSeconds >= 0.5:
		return "gust was its own bottleneck for " + fixed(s.SaturatedSeconds, 0) + " s of the test (CPU or scheduling " +
			"delay at its limit): in that time it sent less load than asked for and its own delay may be in the " +
			"response times. Give gust more CPU, or spread the users over workers (--master, --worker)."
	case s.Distributed:
		return "The master and its workers kept up with the users: the response times above are the target's."
	}
	return "gust kept up with its users: the response times above are the target's."
}
