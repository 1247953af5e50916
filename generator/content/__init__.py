"""Reading and validation of content: YAML read with the line of every value (`yamlsource`), private
entries dropped (`private`), schemas (`schema`, `schemas/`), each evaluation folder read into the model
(`evaluation`, `responses`, `report`, `tables`, `findings`), the registry and the theme vocabulary, and
`load` over all of them. Every problem is collected and reported at once as `path:line: what — what to do`."""
