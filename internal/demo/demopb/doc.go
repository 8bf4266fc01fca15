// Package demopb is the generated Go code of the demo target's gRPC service
// (demo.proto): the messages and the Demo client and server stubs that gust's
// demo, its tests and its examples use. The generated files are committed, so
// building gust never needs protoc; after a change to demo.proto, run
// `go generate ./internal/demo/demopb` with protoc, protoc-gen-go v1.36.12 and
// protoc-gen-go-grpc v1.6.2 on the PATH.
//
// May import: no other gust package.
package demopb

//go:generate protoc --go_out=. --go_opt=paths=source_relative --go-grpc_out=. --go-grpc_opt=paths=source_relative demo.proto
