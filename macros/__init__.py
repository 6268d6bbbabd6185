"""KIM-Portal: data, validation and page builders for KIM transparency portals."""
