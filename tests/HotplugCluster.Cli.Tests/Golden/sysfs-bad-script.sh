# The third line is not valid shell syntax: the lines before it run, then the script stops naming line 3.
daxctl list
echo online > /sys/devices/system/memory/memory8/state > /tmp/x
