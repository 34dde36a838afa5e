-- Open data: one spelling of times in the CSV downloads (ISO 8601, UTC, whole seconds), so
-- every export query writes them alike.
CREATE FUNCTION open_data_time(at timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

COMMENT ON FUNCTION open_data_time(timestamptz) IS
    'A time as ISO 8601 in UTC (2026-11-27T08:30:00Z), as the open-data CSV files write it.';
