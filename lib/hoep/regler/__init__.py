"""The budget's rules as plain functions, one concept per module, each citing its source.

A rule receives plain values (or a small per-year parameter object), never a scenario; it may read
a published table as its input. The model (:mod:`hoep.modell`) wires the rules to a scenario.
"""
