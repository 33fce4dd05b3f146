-- Lists a server reads on demand: the organisations of a country.
CREATE INDEX organisations_country_code ON organisations (country_code);
