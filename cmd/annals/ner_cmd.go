package main

// Owned by the entity-recognizer work: train ner, eval ner.

func cmdTrainNER(e *env, args []string) int { return notYet(e, "train ner") }
func cmdEvalNER(e *env, args []string) int  { return notYet(e, "eval ner") }
