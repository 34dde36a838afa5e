-- Each commitment's actors as one JSON array (lead first, then civil-society co-leads,
-- then supporting actors), so list pages fetch them in the same statement.
CREATE VIEW commitment_actor_lists AS
SELECT c.id AS commitment_id,
       COALESCE(
         json_agg(json_build_object('name', i.name, 'acronym', i.acronym, 'slug', i.slug,
                                    'sector', i.sector, 'role', a.role)
                  ORDER BY CASE a.role WHEN 'lead' THEN 0
                                       WHEN 'civil_society_co_lead' THEN 1
                                       ELSE 2 END,
                           a.position)
           FILTER (WHERE a.id IS NOT NULL),
         '[]') AS actors
  FROM commitments c
  LEFT JOIN commitment_actors a ON a.commitment_id = c.id
  LEFT JOIN institutions i ON i.id = a.institution_id
 GROUP BY c.id;
