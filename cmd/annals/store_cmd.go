package main

// Owned by the store and explorer work: ingest, serve, query, export, demo.

func cmdIngest(e *env, args []string) int { return notYet(e, "ingest") }
func cmdServe(e *env, args []string) int  { return notYet(e, "serve") }
func cmdQuery(e *env, args []string) int  { return notYet(e, "query") }
func cmdExport(e *env, args []string) int { return notYet(e, "export") }
func cmdDemo(e *env, args []string) int   { return notYet(e, "demo") }
