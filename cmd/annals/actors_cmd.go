package main

// Owned by the actors work: actors, eval actors, eval coref.

func cmdActors(e *env, args []string) int     { return notYet(e, "actors") }
func cmdEvalActors(e *env, args []string) int { return notYet(e, "eval actors") }
func cmdEvalCoref(e *env, args []string) int  { return notYet(e, "eval coref") }
