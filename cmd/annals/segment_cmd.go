package main

// Owned by the segmenter work: eval segment.

func cmdEvalSegment(e *env, args []string) int { return notYet(e, "eval segment") }
