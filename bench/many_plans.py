#!/usr/bin/env python3
"""OGP's commitments export at the scale of many members: writes COUNTRIES x PLANS plans of
COMMITMENTS commitments each (defaults 60 x 4 x 10: 240 plans, 2,400 commitments; the first
country's first plan, the largest, has six times as many), every row
copied from tests/data/ogp-commitments-sample.csv with its country, code, plan, number, id,
years and institutions changed. Usage: many_plans.py OUT.csv [COUNTRIES PLANS COMMITMENTS]"""
import csv
import sys

ISO3 = ("ARG BRA CHL COL CRI DOM ECU GTM HND MEX PAN PER PRY SLV URY CAN USA GBR IRL FRA "
        "ESP PRT ITA DEU NLD BEL DNK NOR SWE FIN EST LVA LTU POL CZE SVK HRV SRB MNE MKD "
        "ALB GRC ROU BGR UKR MDA GEO ARM KGZ MNG PHL IDN KOR JPN AUS NZL ZAF KEN NGA GHA "
        "SEN CIV MAR TUN").split()

def main():
    out = sys.argv[1]
    countries, plans, commitments = (int(a) for a in (sys.argv[2:5] or (60, 4, 10)))
    rows = list(csv.reader(open("tests/data/ogp-commitments-sample.csv", encoding="utf-8")))
    header, samples = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        n = 0
        for c in range(countries):
            code = ISO3[c % len(ISO3)] if c < len(ISO3) else f"X{c:02d}"
            for p in range(1, plans + 1):
                start = 2010 + 3 * p
                size = commitments * (6 if c == 0 and p == 1 else 1)
                for k in range(1, size + 1):
                    row = list(samples[n % len(samples)])
                    n += 1
                    row[col["Commitment Unique Identifier"]] = f"{code}{p}{k:03d}"
                    row[col["Country/Locality"]] = f"Country {code}"
                    row[col["Code"]] = code
                    row[col["Action Plan Number"]] = str(p)
                    row[col["Commitment Number"]] = str(k)
                    row[col["Year Of Submission"]] = str(start)
                    row[col["Action Plan End Year"]] = str(start + 2)
                    row[col["Start Date"]] = f"{start}-07-01"
                    row[col["End Date"]] = f"{start + 2}-06-30"
                    row[col["Lead Institution"]] = f"Ministry {k % 7} of {code}"
                    row[col["Supporting Institution(s)"]] = f"Agency {k % 5} of {code}; Civil society network {k % 3} of {code}"
                    w.writerow(row)
    print(f"{out}: {n} commitments, {countries * plans} plans; the largest: {ISO3[0]} plan 1")

main()
