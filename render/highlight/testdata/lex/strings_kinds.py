s1 = 'single \'quoted\' \\ with \t escapes \x41 \u00e9 \N{BULLET} \101'
s2 = "double \"quoted\" %s %5.2f %-10r %% {} {0} {name!r:^10} {a.b[c]}"
s3 = '''triple
single with 'quotes' and "doubles" \n'''
s4 = """triple double
  spans lines {x} %d
"""
raw = r"C:\path\no\escape" + R'\d+' + rb"\x00" + Br'\n'
byts = b"\x00\xff" + B'bytes' + u"unicode" + U'more'
fmt = f"{s1!r} and {len(s2):05d} and {s3[0]} {{braces}} {3 + 4 * (2 - 1)}"
fmt2 = F'{raw} {"inner"} {fmt.upper()}'
rf = rf"raw {fmt} \d" + fR'\w {byts}' + Rf"""multi
line {rf!s}"""
tf = f"""triple {s4}
    and {s1:>{10}}
"""
tf2 = f'''x {y
} z'''
empty = '' + "" + f'' + r''
cont = "a" \
    "b"
d = {'k': "v", "n": 1.5e10, 'x': -2}
print("%(name)s is %(age)03d" % {"name": "x", "age": 7})
print('{:<10}|{:>10}|{:*^10}'.format('l', 'r', 'c'))
# a comment with "quotes" and 'apostrophes' — and unicode: café, 日本
print("héllo wörld", 'ünïcode', f"ñ {s1}")
