"""Load, check and generate the Sunnylands Statement edition."""
