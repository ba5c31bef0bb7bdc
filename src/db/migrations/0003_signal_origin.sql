-- Where a signal came from: registered in the app, or imported from an interchange file.
-- Imported signals are historical records (an agency's year of data): they count in reports but
-- put no screening or meeting tasks on anyone's list.
ALTER TABLE signals ADD COLUMN origin text NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'import'));
