package main

func cmdCode(e *env, args []string) int       { return notYet(e, "code") }
func cmdEvalEvents(e *env, args []string) int { return notYet(e, "eval events") }
