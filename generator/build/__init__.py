"""The build: the site project it works on (`project`), what it is asked to do and what its languages
share (`settings`), each language's steps in the workers (`jobs`, `schedule`), and the orchestrator
that checks the content, runs the stages and publishes the result (`site`)."""
from . import jobs
from .settings import BuildContext, BuildError, BuildOptions
from .site import Built, Preview, build, finish_preview, preview

__all__ = ["BuildContext", "BuildError", "BuildOptions", "Built", "Preview", "build", "finish_preview", "jobs", "preview"]
