"""Text below every stage: byte sniffing and line files (:mod:`.files`)."""
