-- Custom SQL migration file, put your code below! --
-- custom SQL (keep when regenerating)
-- Runs stored before they inherited their schedule's visibility (replays of private schedules were
-- public): each becomes at least as hidden as its schedule, so a later schedule deletion cannot expose it.
UPDATE "runs" r SET "visibility" = s."visibility"
FROM "schedules" s
WHERE s."id" = r."schedule_id"
  AND (CASE s."visibility" WHEN 'private' THEN 2 WHEN 'unlisted' THEN 1 ELSE 0 END)
    > (CASE r."visibility" WHEN 'private' THEN 2 WHEN 'unlisted' THEN 1 ELSE 0 END);
