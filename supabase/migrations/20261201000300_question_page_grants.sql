-- 20261201000200_question_pages.sql created api.set_question_page without taking back the execute
-- privilege PostgreSQL gives PUBLIC on every new function, so anon could call it (it then failed on
-- the schema, but only the grants should decide who may call what). As every migration that adds
-- functions does: the grants to named roles stay.
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
