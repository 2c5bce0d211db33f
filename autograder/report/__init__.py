"""Reports of a grading run: result.json, Gradescope's results.json, feedback and the gradebook."""
