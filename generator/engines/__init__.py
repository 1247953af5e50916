"""The programs that turn a generated tree into a site: MkDocs with Material (`mkdocs`, with evalsite's
plugin, `plugin`) or Zensical (`zensical`), each from the configuration made from the project's
mkdocs.yml (`config`), and Pagefind for the search index (`pagefind`)."""
