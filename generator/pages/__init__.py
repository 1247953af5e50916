"""Pages per language, views of the model: the page kinds (`kinds`), the Jinja rendering (`render`) with
its small pieces as filters (`fragments`, `labels`, `chapters`, `charts`, `dashboards`, `explorer`), the
link-preview pictures (`picture`), the pages kept between builds (`freshness`, `pieces`) and the pages at
the site's root (`root`)."""
