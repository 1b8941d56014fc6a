-- Baseline: the schema starts empty; features add their tables in later migrations.
SELECT 1;
