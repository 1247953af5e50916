"""Open data, views of the model: JSON documents and CSV files (`documents`, `findings`), the data
package that describes them (`datapackage`), their JSON Schemas (`dataschema`) and the calendars of due
dates (`feeds`)."""
