using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>The i-th CXL device's CFMWS window ("CXL Window i"), which its region (regioni) fills.</summary>
public sealed record CxlWindowLayout(int Index, CxlDeviceSettings Device, PhysAddr Start, ByteSize Size);
