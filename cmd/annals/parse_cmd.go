package main

// Owned by the linguistic-core work: parse, eval parse, train tagger|parser|lemmatizer.

func cmdParse(e *env, args []string) int                   { return notYet(e, "parse") }
func cmdEvalParse(e *env, args []string) int               { return notYet(e, "eval parse") }
func cmdTrainCore(e *env, model string, args []string) int { return notYet(e, "train "+model) }
