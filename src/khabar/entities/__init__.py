"""Named entities by rules and data: lexicons, gazetteer, patterns and cues; geocoding of places."""
