-- How the caller of an adapter was authenticated (R20): token, client-certificate, hmac ... (NULL: not recorded).
ALTER TABLE audit ADD COLUMN auth_method VARCHAR(40);
