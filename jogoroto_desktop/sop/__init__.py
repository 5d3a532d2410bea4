"""The SOP book: the catalog of SOP files, their time standards and the flowchart layout."""
