// Package kubernetes holds manifests that run gust distributed on a
// Kubernetes cluster (master.json: the master's Deployment, its Service for
// ports 5557 and 8089 and a NetworkPolicy that admits only workers to 5557;
// workers.json: the workers' Deployment), and the test that checks them.
// The manifests are JSON, which kubectl applies as it does YAML.
//
// May import: no other gust package.
package kubernetes
