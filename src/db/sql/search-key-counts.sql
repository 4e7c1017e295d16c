-- How many search keys each catalog movie with any has, in idx order.
SELECT idx, count(*)::INTEGER AS n
FROM search_keys
GROUP BY idx
ORDER BY idx;
