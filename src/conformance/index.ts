// The adapter conformance kit (`lift-elements/conformance`) arrives with the data layer; the
// entry exists now so the package's export map is complete from the start.
export {};
