"""What the edition makes from the model: page bodies (render), citations, the PDFs, statement.json, the search
indexes and the timeline chart. Generators read the model; they never read the sources.
"""
