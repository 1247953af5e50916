"""Publishing: the worker processes a build runs in, the staging folder a build is made in, the
swap that puts it in place whole, and the syncing of generated trees. Nothing here knows what a
page says; every file goes through `evalsite.files`, the one atomic writer."""
