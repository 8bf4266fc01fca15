package config_test

import (
	"fmt"

	"github.com/gustload/gust/internal/config"
)

func ExampleParse() {
	environment := map[string]string{"GUST_USERS": "10", "GUST_RUN_TIME": "1h30m"}
	getenv := func(name string) (string, bool) {
		v, ok := environment[name]
		return v, ok
	}
	args := []string{"-u", "50", "-r", "5", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/search@3"}
	opts, err := config.Parse(args, getenv)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(opts.Users, opts.SpawnRate, opts.RunTime)
	for _, u := range opts.URLs {
		fmt.Println(u.Raw, u.Weight)
	}

	_, err = config.Parse([]string{"--users", "many"}, getenv)
	fmt.Println(err)
	// Output:
	// 50 5 1h30m0s
	// http://127.0.0.1:8080/ 1
	// http://127.0.0.1:8080/search 3
	// gust: invalid value "many" for -u/--users: want a whole number >= 0
}
