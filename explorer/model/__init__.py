"""The Qt-free heart of Vector Explorer: numpy and the standard library only.

Vectors (:mod:`.table`), changes as commands with inverses (:mod:`.commands`),
the open document (:mod:`.document`), scores (:mod:`.similarity`), relations
between two vectors (:mod:`.relations`), projection (:mod:`.projection`) and
files (:mod:`.formats`). Nothing here imports Qt or pyqtgraph; a test proves it.
"""
