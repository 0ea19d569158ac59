"""Danish Healthtech network dashboard: data registry, query layer and page helpers."""
