# The third line is not valid shell syntax: nothing runs, and the error names line 3.
daxctl list
echo online > /sys/devices/system/memory/memory8/state > /tmp/x
