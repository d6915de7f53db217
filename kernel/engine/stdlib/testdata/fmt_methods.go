package main

import (
	"errors"
	"fmt"
	"log"
)

// Interpreted types with String and Error methods, seen by native fmt and log
// through the MapTypes entries.

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type notFound struct{ name string }

func (e notFound) Error() string { return e.name + " not found" }

func main() {
	fmt.Println(celsius(21.5))
	fmt.Printf("%v|%s|%d\n", celsius(3), celsius(4), 42)
	fmt.Println(fmt.Sprint(notFound{"x"}))
	err := fmt.Errorf("lookup: %w", notFound{"y"})
	fmt.Println(err, errors.Unwrap(err) != nil)
	log.SetFlags(0) // log writes to the interpreter's Stderr

	log.Println("log:", celsius(-1))
}

// Output:
// 21.5°C
// 3.0°C|4.0°C|42
// x not found
// lookup: y not found true
// log: -1.0°C
