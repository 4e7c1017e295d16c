-- IMDb's weighted rating: (v / (v + m)) · R + (m / (v + m)) · C, with C the catalog's mean rating.
-- A movie needs about m votes before its own rating outweighs the mean.
CREATE OR REPLACE TABLE catalog AS
SELECT c.*,
       (c.votes / (c.votes + $m)) * c.rating + ($m / (c.votes + $m)) * s.mean AS bayes
FROM catalog c, (SELECT avg(CAST(rating AS DECIMAL(6, 2)))::DOUBLE AS mean FROM catalog) s; -- exact DECIMAL sum: the same bits whatever the thread count
