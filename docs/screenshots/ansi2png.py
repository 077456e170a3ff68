#!/usr/bin/env python3
# Turns `kredskort render --color` output (ANSI, truecolor or 256 colours) into a PNG, one cell
# 9x18 px, half blocks as two pixels. Used for docs/screenshots; needs Pillow (pip install pillow):
#   COLORTERM=truecolor kredskort render --size 120x36 --color | python3 docs/screenshots/ansi2png.py out.png
import sys, re
from PIL import Image, ImageDraw, ImageFont
text = sys.stdin.read()
CW, CH = 9, 18
font = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 14)
PAL16 = [(0,0,0),(205,0,0),(0,205,0),(205,205,0),(0,0,238),(205,0,205),(0,205,205),(229,229,229),(127,127,127),(255,0,0),(0,255,0),(255,255,0),(92,92,255),(255,0,255),(0,255,255),(255,255,255)]
def p256(n):
    if n<16: return PAL16[n]
    if n<232:
        n-=16; r,g,b=n//36,(n//6)%6,n%6; f=lambda v: 0 if v==0 else 55+40*v; return (f(r),f(g),f(b))
    v=8+10*(n-232); return (v,v,v)
DEF_FG=(220,220,220); DEF_BG=(20,20,28)
lines = text.split('\n')
rows=[]
for line in lines:
    fg,bg=DEF_FG,DEF_BG; rev=False; cells=[]
    for m in re.finditer(r'\x1b\[([0-9;]*)m|(.)', line):
        if m.group(1) is not None or (m.group(2) is None):
            ps=[int(x) if x else 0 for x in (m.group(1) or '0').split(';')]
            i=0
            while i<len(ps):
                p=ps[i]
                if p==0: fg,bg,rev=DEF_FG,DEF_BG,False
                elif p==7: rev=True
                elif p==38 and ps[i+1]==2: fg=tuple(ps[i+2:i+5]); i+=4
                elif p==48 and ps[i+1]==2: bg=tuple(ps[i+2:i+5]); i+=4
                elif p==38 and ps[i+1]==5: fg=p256(ps[i+2]); i+=2
                elif p==48 and ps[i+1]==5: bg=p256(ps[i+2]); i+=2
                elif 30<=p<=37: fg=PAL16[p-30]
                elif 40<=p<=47: bg=PAL16[p-40]
                elif 90<=p<=97: fg=PAL16[p-90+8]
                elif 100<=p<=107: bg=PAL16[p-100+8]
                elif p==39: fg=DEF_FG
                elif p==49: bg=DEF_BG
                i+=1
        else:
            f,b=(bg,fg) if rev else (fg,bg)
            cells.append((m.group(2),f,b))
    rows.append(cells)
W=max(len(r) for r in rows); H=len(rows)
img=Image.new('RGB',(W*CW,H*CH),DEF_BG); d=ImageDraw.Draw(img)
for y,r in enumerate(rows):
    for x,(c,f,b) in enumerate(r):
        X,Y=x*CW,y*CH
        if c=='▀': d.rectangle([X,Y,X+CW-1,Y+CH//2-1],fill=f); d.rectangle([X,Y+CH//2,X+CW-1,Y+CH-1],fill=b)
        elif c=='▄': d.rectangle([X,Y,X+CW-1,Y+CH//2-1],fill=b); d.rectangle([X,Y+CH//2,X+CW-1,Y+CH-1],fill=f)
        elif c=='█': d.rectangle([X,Y,X+CW-1,Y+CH-1],fill=f)
        else:
            d.rectangle([X,Y,X+CW-1,Y+CH-1],fill=b)
            if c!=' ': d.text((X,Y+1),c,font=font,fill=f)
img.save(sys.argv[1])
