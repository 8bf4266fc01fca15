package wire_test

import (
	"fmt"

	"github.com/gustload/gust/internal/cluster/wire"
)

// A worker announces itself with client_ready; -1 tells a Locust master not
// to compare versions.
func ExampleEncode() {
	b, _ := wire.Encode(wire.Message{
		Type:   wire.TypeClientReady,
		Data:   wire.ClientReady{Version: wire.SkipVersionCheck},
		NodeID: "vm_3400d24b68644a7f9301a401d82a3846",
	})
	fmt.Printf("% x\n", b[:16])
	// Output: 93 ac 63 6c 69 65 6e 74 5f 72 65 61 64 79 ff d9
}

// Failures merge across Python and Go workers because both file them under
// the same key.
func ExampleErrorKey() {
	fmt.Println(wire.PyRepr("HTTPError('404 Client Error: Not Found')"))
	fmt.Println(wire.ErrorKey("GET", "/missing", "HTTPError('404 Client Error: Not Found for url: http://127.0.0.1:18080/missing')"))
	// Output:
	// "HTTPError('404 Client Error: Not Found')"
	// 33ebcf6d03d43da563c71699559efcc66f6b2ed8d2e765a06f84a4e3a6214b37
}

// Locust files response times under about two significant digits of
// milliseconds, rounding halves to even as Python does.
func ExampleBucketMicros() {
	for _, us := range []int64{1_500, 2_500, 145_000, 155_000, 2_349_000} {
		fmt.Print(wire.BucketMicros(us), " ")
	}
	// Output: 2 2 140 160 2300
}
