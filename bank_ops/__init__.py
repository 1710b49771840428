"""Operating the warehouse: one writer at a time, and write-audit-publish.

- :mod:`bank_ops.lock`: the writer lock every process that writes the
  working warehouse takes (the seeder, dbt through :mod:`bank_ops.dbt_plugin`,
  the publish step), and ``bank-lock``, which holds it across a whole job.
- :mod:`bank_ops.publish`: ``bank-publish``, which copies the analyst-facing
  relations of a built and tested warehouse to the analyst database, as a
  new file swapped in atomically.
"""
