CREATE TABLE "receipt_year_counters" (
	"point" text NOT NULL,
	"year" text NOT NULL,
	"last_number" bigint NOT NULL,
	CONSTRAINT "receipt_year_counters_point_year_pk" PRIMARY KEY("point","year")
);
