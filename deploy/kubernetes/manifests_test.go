package kubernetes

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/gustload/gust/internal/config"
)

// object is the part of a Kubernetes object the test reads.
type object struct {
	Kind     string `json:"kind"`
	Items    []object
	Metadata struct {
		Name   string            `json:"name"`
		Labels map[string]string `json:"labels"`
	} `json:"metadata"`
	Spec spec `json:"spec"`
}

type spec struct {
	Replicas *int            `json:"replicas"`
	Selector json.RawMessage `json:"selector"` // a Deployment's {matchLabels}, a Service's labels
	Template *podTemplate    `json:"template"`
	Ports    []servicePort   `json:"ports"`
	Pod      *labelSelector  `json:"podSelector"`
	Ingress  []ingressRule   `json:"ingress"`
}

type labelSelector struct {
	MatchLabels map[string]string `json:"matchLabels"`
}

type podTemplate struct {
	Metadata struct {
		Labels map[string]string `json:"labels"`
	} `json:"metadata"`
	Spec struct {
		Containers []container `json:"containers"`
	} `json:"spec"`
}

type container struct {
	Args  []string `json:"args"`
	Env   []envVar `json:"env"`
	Ports []struct {
		Name          string `json:"name"`
		ContainerPort int    `json:"containerPort"`
	} `json:"ports"`
}

type envVar struct {
	Name      string `json:"name"`
	ValueFrom *struct {
		SecretKeyRef *struct {
			Name string `json:"name"`
			Key  string `json:"key"`
		} `json:"secretKeyRef"`
	} `json:"valueFrom"`
}

type servicePort struct {
	Port       int    `json:"port"`
	TargetPort string `json:"targetPort"`
}

type ingressRule struct {
	From  []peer       `json:"from"`
	Ports []policyPort `json:"ports"`
}

type peer struct {
	Pod *labelSelector `json:"podSelector"`
}

type policyPort struct {
	Port int `json:"port"`
}

// load reads a manifest file into its objects, by kind.
func load(t *testing.T, path string) map[string]object {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o object
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string]object{}
	for _, x := range append(o.Items, o) {
		if x.Kind != "List" {
			out[x.Kind] = x
		}
	}
	return out
}

// deployment checks a Deployment's selector against its pods' labels and
// returns its one container and its pod labels.
func deployment(t *testing.T, d object) (container, map[string]string) {
	t.Helper()
	var sel labelSelector
	if err := json.Unmarshal(d.Spec.Selector, &sel); err != nil || d.Spec.Template == nil || len(d.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("Deployment %s: want a selector and one container (%v)", d.Metadata.Name, err)
	}
	labels := d.Spec.Template.Metadata.Labels
	if !matches(sel.MatchLabels, labels) {
		t.Errorf("Deployment %s: selector %v does not select its pods %v", d.Metadata.Name, sel.MatchLabels, labels)
	}
	return d.Spec.Template.Spec.Containers[0], labels
}

// matches reports whether every label of sel is in labels.
func matches(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return len(sel) > 0
}

// options parses a container's args as gust would.
func options(t *testing.T, c container) *config.Options {
	t.Helper()
	o, err := config.Parse(c.Args, func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatalf("gust refuses the args %v: %v", c.Args, err)
	}
	return o
}

// fromSecret reports whether the container takes env var name from the
// Secret "gust" under key.
func fromSecret(c container, name, key string) bool {
	return slices.ContainsFunc(c.Env, func(e envVar) bool {
		return e.Name == name && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil &&
			e.ValueFrom.SecretKeyRef.Name == "gust" && e.ValueFrom.SecretKeyRef.Key == key
	})
}

func TestManifests(t *testing.T) {
	master, workers := load(t, "master.json"), load(t, "workers.json")
	mc, mlabels := deployment(t, master["Deployment"])
	wc, wlabels := deployment(t, workers["Deployment"])
	mo, wo := options(t, mc), options(t, wc)
	svc := master["Service"]

	if r := master["Deployment"].Spec.Replicas; r == nil || *r != 1 {
		t.Errorf("the master's replicas = %v, want exactly 1", r)
	}
	if !mo.Master || mo.MasterBindHost != "0.0.0.0" || mo.MasterBindPort != 5557 || mo.WebPort != 8089 {
		t.Errorf("master args %v: want --master bound to 0.0.0.0:5557, UI on 8089", mc.Args)
	}
	if !wo.Worker || wo.MasterHost != svc.Metadata.Name || wo.MasterPort != 5557 {
		t.Errorf("worker args %v: want --worker --master-host %s --master-port 5557", wc.Args, svc.Metadata.Name)
	}
	for _, c := range []container{mc, wc} {
		if !fromSecret(c, "GUST_CLUSTER_TOKEN", "cluster-token") {
			t.Errorf("container args %v: GUST_CLUSTER_TOKEN does not come from the Secret gust", c.Args)
		}
	}
	if !fromSecret(mc, "GUST_WEB_LOGIN", "web-login") {
		t.Error("the master's web UI listens on 0.0.0.0 without GUST_WEB_LOGIN from the Secret")
	}
	checkService(t, svc, mc, mlabels)
	checkPolicy(t, master["NetworkPolicy"], mlabels, wlabels)
}

// checkService checks that the Service selects the master and maps 5557
// and 8089 to the container's ports.
func checkService(t *testing.T, svc object, c container, labels map[string]string) {
	t.Helper()
	var sel map[string]string
	if err := json.Unmarshal(svc.Spec.Selector, &sel); err != nil || !matches(sel, labels) {
		t.Errorf("the Service selects %v, not the master's pods %v (%v)", sel, labels, err)
	}
	named := map[string]int{}
	for _, p := range c.Ports {
		named[p.Name] = p.ContainerPort
	}
	got := map[int]int{}
	for _, p := range svc.Spec.Ports {
		got[p.Port] = named[p.TargetPort]
	}
	if got[5557] != 5557 || got[8089] != 8089 {
		t.Errorf("the Service maps ports %v (port to container port), want 5557 and 8089", got)
	}
}

// checkPolicy checks that only workers may reach the master's port 5557.
func checkPolicy(t *testing.T, p object, master, worker map[string]string) {
	t.Helper()
	if p.Spec.Pod == nil || !matches(p.Spec.Pod.MatchLabels, master) {
		t.Fatalf("the NetworkPolicy does not apply to the master's pods %v", master)
	}
	for _, r := range p.Spec.Ingress {
		if !slices.Contains(r.Ports, policyPort{Port: 5557}) {
			continue
		}
		if len(r.From) == 0 || slices.ContainsFunc(r.From, func(f peer) bool { return f.Pod == nil || !matches(f.Pod.MatchLabels, worker) }) {
			t.Errorf("the NetworkPolicy lets more than the workers %v reach 5557: %+v", worker, r.From)
		}
		return
	}
	t.Error("the NetworkPolicy has no rule for port 5557")
}
