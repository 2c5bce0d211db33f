"""What a student handed in: its files, read safely (``files``), and which of them holds
each exercise module, decoded how (``modules``).

Both doors read a submission through here: ``autograder grade`` stages each student with
``modules.stage`` and the jailed worker reads the staged folder with ``modules.find``;
``pytest --submission FOLDER_OR_ZIP`` reads the folder or zip itself with ``modules.find``.
The worker imports this package inside the sandbox (``jail/sandbox.py`` KIT_PARTS), so it
uses the standard library only.
"""
