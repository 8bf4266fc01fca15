// Package testenv is what gust's integration tests need from the machine
// they run on: external programs (Locust, nginx, Chromium) and free
// loopback ports. A missing program skips the test, unless the environment
// has GUST_REQUIRE_INTEGRATION=1 (as CI does), where it fails it.
//
// May import: no other gust package.
package testenv
