# Registers the kit's pytest plugin for every test folder of the repository.
pytest_plugins = ["autograder.pytest_plugin"]
